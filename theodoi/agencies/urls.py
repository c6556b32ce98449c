from django.urls import path

from theodoi.agencies import views

app_name = "agencies"
urlpatterns = [
    path("tim/", views.search, name="search"),
]
