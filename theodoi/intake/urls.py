from django.urls import path

from theodoi.intake import views

# Mounted under "van-ban/" like the documents it creates: the paths predate the app.
app_name = "intake"
urlpatterns = [
    path("nhap/", views.intake_upload, name="upload"),
    path("nhap/<id:pk>/", views.intake_review, name="review"),
    path("nhap/<id:pk>/tien-do/", views.intake_progress, name="progress"),
    path("nhap/<id:pk>/<str:action>/", views.intake_action, name="intake_action"),
    path("de-xuat/<id:pk>/sua/", views.candidate_update, name="candidate_update"),
    path("de-xuat/<id:pk>/quyet-dinh/<str:decision>/", views.candidate_decide, name="candidate_decide"),
    path("de-xuat/<id:pk>/cau-truc/<str:action>/", views.candidate_restructure, name="candidate_restructure"),
]
