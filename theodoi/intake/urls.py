from django.urls import include, path

from theodoi.intake import views

# Mounted under "van-ban/" like the documents it creates: the paths predate the app.
app_name = "intake"
urlpatterns = [
    path("nhap/", include([
        path("", views.intake_upload, name="upload"),
        path("<id:pk>/", views.intake_review, name="review"),
        path("<id:pk>/tien-do/", views.intake_progress, name="progress"),
        path("<id:pk>/<str:action>/", views.intake_action, name="intake_action"),
    ])),
    # One proposed task (đề xuất) on the review screen.
    path("de-xuat/<id:pk>/", include([
        path("sua/", views.candidate_update, name="candidate_update"),
        path("quyet-dinh/<str:decision>/", views.candidate_decide, name="candidate_decide"),
        path("cau-truc/<str:action>/", views.candidate_restructure, name="candidate_restructure"),
    ])),
]
