"""WSGI entry point: ``gunicorn grondvorm.web.wsgi:application`` for several worker processes."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grondvorm.web.settings")
application = get_wsgi_application()
