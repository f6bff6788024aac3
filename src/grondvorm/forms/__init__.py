"""The four basic forms and the two axes: the single source of truth for the rest of grondvorm."""

from grondvorm.forms.content import ContentError, load_catalogue
from grondvorm.forms.ids import (
    AXIS_IDS,
    FORM_IDS,
    QUADRANTS,
    AxisId,
    FormId,
    UnknownFormError,
    form_at,
    parse_form_id,
)
from grondvorm.forms.model import Axis, Example, Form, FormsCatalogue, form_to_dict

__all__ = [
    "AXIS_IDS",
    "FORM_IDS",
    "QUADRANTS",
    "Axis",
    "AxisId",
    "ContentError",
    "Example",
    "Form",
    "FormId",
    "FormsCatalogue",
    "UnknownFormError",
    "form_at",
    "form_to_dict",
    "load_catalogue",
    "parse_form_id",
]
