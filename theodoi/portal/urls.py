from django.urls import include, path

from theodoi.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("chuong-trinh/<id:pk>/", views.programme, name="programme"),
    path("nhiem-vu/", views.task_list, name="tasks"),
    path("nhiem-vu/<id:pk>/", views.task, name="task"),
    path("co-quan/<id:pk>/", views.agency, name="agency"),
    path("minh-chung/<id:pk>/", views.evidence, name="evidence"),
    path("ngon-ngu/<str:code>/", views.language, name="language"),
    # Following by e-mail: ask, confirm from the mail, leave.
    path("theo-doi/", include([
        path("", views.follow, name="follow"),
        path("can-bo/", views.follow_staff, name="follow_staff"),
        path("can-bo/thoi/", views.unfollow_staff, name="unfollow_staff"),
        path("xac-nhan/<str:token>/", views.confirm, name="confirm"),
        path("huy/<str:token>/", views.unsubscribe, name="unsubscribe"),
    ])),
]
