from django.urls import path

from theodoi.intake import views

# Mounted under "van-ban/" like the documents it creates: the paths predate the app.
app_name = "intake"
urlpatterns = [
    path("nhap/", views.intake_upload, name="upload"),
    path("nhap/<int:pk>/", views.intake_review, name="review"),
    path("nhap/<int:pk>/<str:action>/", views.intake_action, name="intake_action"),
    path("de-xuat/<int:pk>/sua/", views.candidate_update, name="candidate_update"),
    path("de-xuat/<int:pk>/quyet-dinh/<str:decision>/", views.candidate_decide, name="candidate_decide"),
    path("de-xuat/<int:pk>/cau-truc/<str:action>/", views.candidate_restructure, name="candidate_restructure"),
]
