from django.urls import path

from theodoi.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_index, name="list"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/tep-goc/", views.document_file, name="file"),
    path("nhap/", views.intake_upload, name="upload"),
    path("nhap/<int:pk>/", views.intake_review, name="review"),
    path("nhap/<int:pk>/<str:action>/", views.intake_action, name="intake_action"),
    path("de-xuat/<int:pk>/sua/", views.candidate_update, name="candidate_update"),
    path("de-xuat/<int:pk>/quyet-dinh/<str:decision>/", views.candidate_decide, name="candidate_decide"),
    path("de-xuat/<int:pk>/cau-truc/<str:action>/", views.candidate_restructure, name="candidate_restructure"),
]
