from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from theodoi.core.ids import IdConverter

# `<id:pk>` in every app's URLs: ids beyond 64 bits are a 404 before any view runs.
register_converter(IdConverter, "id")

admin.site.site_header = _("theodoi – Quản trị")
admin.site.site_title = "theodoi"
admin.site.index_title = _("Quản trị hệ thống theo dõi nhiệm vụ")


class FaviconView(RedirectView):
    """/favicon.ico, which browsers ask for on pages that name no icon (the admin, a PDF, the
    error pages): our static file. Not permanent: its hashed name changes with the file."""

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("theodoi/favicon.ico")


urlpatterns = [
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("cong-khai/", include("theodoi.portal.urls")),
    path("api/v1/", include("theodoi.api.urls")),
    path("van-ban/", include("theodoi.documents.urls")),
    path("van-ban/", include("theodoi.intake.urls")),
    path("tong-hop/", include("theodoi.reports.urls")),
    path("co-quan/", include("theodoi.agencies.urls")),
    path("gop-y/", include("theodoi.consultations.urls")),
    path("", include("theodoi.petitions.urls")),
    path("chi-tieu/", include("theodoi.indicators.urls")),
    path("", include("theodoi.tasks.urls")),
]
# Uploaded files (documents, evidence) are never served from MEDIA_URL: views check access.
