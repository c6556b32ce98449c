from django.urls import include, path

from theodoi.consultations import views

app_name = "consultations"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("<id:pk>/", views.consultation_detail, name="detail"),
    path("<id:pk>/ban/<id:number>/", views.consultation_detail, name="version"),
    path("<id:pk>/gop-y/", views.comment_create, name="comment"),
    path("y-kien/<str:token>/", views.comment_mine, name="mine"),
    path("y-kien/<id:pk>/ung-ho/", views.comment_support, name="support"),
    path("quan-ly/", views.manage, name="manage"),
    path("quan-ly/y-kien/<id:pk>/<str:action>/", views.moderate_comment, name="moderate_comment"),
    # The office's work on one consultation.
    path("quan-ly/<id:pk>/", include([
        path("", views.moderate, name="moderate"),
        path("ban-moi/", views.version_create, name="version_create"),
        path("tiep-thu/", views.response_create, name="response"),
        path("ban-hanh/", views.adopt, name="adopt"),
        path("tong-hop.<str:fmt>", views.summary_export, name="summary"),
    ])),
]
