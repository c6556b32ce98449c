from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("theodoi – Quản trị")
admin.site.site_title = "theodoi"
admin.site.index_title = _("Quản trị hệ thống theo dõi nhiệm vụ")

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("van-ban/", include("theodoi.documents.urls")),
    path("van-ban/", include("theodoi.intake.urls")),
    path("", include("theodoi.tasks.urls")),
]
# Uploaded files (documents, evidence) are never served from MEDIA_URL: views check access.
