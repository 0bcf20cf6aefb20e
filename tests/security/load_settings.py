"""Settings for the app server of the mixed load test: the test settings with
the page cache on, in the Redis that the test starts (CACHE_URL)."""

import os

from ombudsman.settings.cache import redis_cache
from ombudsman.settings.test import *  # noqa: F403

CACHES = {"default": redis_cache(os.environ["CACHE_URL"], "mixed-load")}
PAGE_CACHE_SECONDS = 300
FRONT_CACHE_SECONDS = 60
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
