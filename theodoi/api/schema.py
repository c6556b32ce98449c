"""What drf-spectacular cannot guess about the API: how a caller authenticates."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "theodoi.api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`: a key the office issued (admin, or `theodoi api-token issue`). "
                           "Without it the API answers as to the public.",
        }
