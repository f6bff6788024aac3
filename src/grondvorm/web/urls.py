"""URL map of the web app."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from grondvorm.web.api import api
from grondvorm.web.views import downloads, facilitator, respondent, results

urlpatterns = [
    path("", facilitator.dashboard, name="dashboard"),
    path(
        "login/", auth_views.LoginView.as_view(template_name="grondvorm/login.html"), name="login"
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("c/<int:collaboration_id>/", facilitator.collaboration, name="collaboration"),
    path("c/<int:collaboration_id>/share/", facilitator.sharing, name="sharing"),
    path("c/<int:collaboration_id>/agreements/", facilitator.agreement, name="agreement"),
    path(
        "c/<int:collaboration_id>/parties/<int:party_id>/qr.svg",
        facilitator.party_qr,
        name="party_qr",
    ),
    path(
        "c/<int:collaboration_id>/parties/<int:party_id>/revoke/",
        facilitator.revoke_party,
        name="revoke_party",
    ),
    path("c/<int:collaboration_id>/results/", results.results, name="results"),
    path("c/<int:collaboration_id>/live/", results.live, name="live"),
    path("c/<int:collaboration_id>/report.<str:fmt>", downloads.report, name="report"),
    path("c/<int:collaboration_id>/export.<str:fmt>", downloads.export, name="export"),
    path("s/<str:token>/", results.shared_results, name="shared_results"),
    path("i/<str:token>/", respondent.start, name="respond_start"),
    path("r/<str:token>/", respondent.resume, name="respond_resume"),
    path("r/<str:token>/<int:number>/", respondent.page, name="respond_page"),
    path("r/<str:token>/saved/", respondent.saved, name="respond_saved"),
    path("r/<str:token>/done/", respondent.done, name="respond_done"),
    path("api/v1/", api.urls),
]
