from django.urls import path

from theodoi.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_index, name="list"),
    path("<int:pk>/", views.document_detail, name="detail"),
]
