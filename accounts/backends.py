"""django-axes in front of Django's ModelBackend."""

from axes.backends import AxesStandaloneBackend


class ThrottlingBackend(AxesStandaloneBackend):
    """Refuses sign-in for a locked-out account or address (django-axes).

    Only web sign-ins are throttled: authenticate() called without a request
    (the shell, a management command, the test client's login()) cannot be
    driven from outside, so it goes straight to the next backend instead of
    raising AxesBackendRequestParameterRequired.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
