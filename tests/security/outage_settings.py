"""Settings for the app server that test_faults.py starts and stops the
database under: the test settings, with production's persistent connections
and health checks, so recovery is tested as it happens in production."""

from ombudsman.settings.test import *  # noqa: F403

DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
