"""Django forms of the facilitator pages (the scan pages are built from the instrument)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CollaborationForm(forms.Form):
    name = forms.CharField(label=_("Name of the collaboration"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "A few sentences: who works together, on what, and why. grondvorm gives a first guess of the form."
        ),
    )
    min_respondents = forms.IntegerField(
        label=_("Minimum respondents before a party's own results show"),
        min_value=1,
        max_value=100,
        initial=2,
    )


class PartyForm(forms.Form):
    name = forms.CharField(label=_("Name of the party"), max_length=200)


class AgreementForm(forms.Form):
    form = forms.CharField(max_length=20)
    item = forms.IntegerField(min_value=0, max_value=50)
    done = forms.BooleanField(required=False)
    note = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
