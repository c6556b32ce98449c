from django.urls import path

from theodoi.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_index, name="list"),
    path("<id:pk>/tep-goc/", views.document_file, name="file"),
]
