from django.apps import AppConfig


class GrondvormWebConfig(AppConfig):
    name = "grondvorm.web"
    label = "grondvorm"
    verbose_name = "grondvorm"
