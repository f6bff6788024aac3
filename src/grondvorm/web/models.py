"""Storage of collaborations, parties, anonymous respondents, answers and agreements."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from grondvorm.forms import FORM_IDS

TOKEN_BYTES = 24  # 192 random bits for invitation, resume, share and API tokens


def new_token() -> str:
    """192 random bits, URL-safe; never starting with ``-``, so a token can be given on a command
    line (``grondvorm respondent-export TOKEN``) without being read as an option."""
    while True:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        if token[0] != "-":
            return token


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Collaboration(models.Model):
    """A collaboration that a facilitator guides; it owns its parties and their answers."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collaborations"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    min_respondents = models.PositiveSmallIntegerField(default=2)
    share_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class Party(models.Model):
    """One organisation in a collaboration; its respondents come in through its invitation."""

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="parties"
    )
    name = models.CharField(max_length=200)
    invitation_token = models.CharField(max_length=64, unique=True, default=new_token)
    revoked = models.BooleanField(default=False)
    expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "name"], name="unique_party_name")
        ]

    def __str__(self) -> str:
        return self.name

    def invitation_open(self, now=None) -> bool:
        now = now or timezone.now()
        return not self.revoked and (self.expires_at is None or self.expires_at > now)


class Respondent(models.Model):
    """An anonymous person answering for a party; only the resume token leads back to them."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="respondents")
    resume_token = models.CharField(max_length=64, unique=True, default=new_token)
    submission_key = models.CharField(max_length=100, unique=True, null=True, blank=True)
    instrument_id = models.CharField(max_length=50)
    instrument_version = models.CharField(max_length=20)
    language = models.CharField(max_length=5, default="nl")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]


class Answer(models.Model):
    """A respondent's answer to one statement: now and desired, 1..5 or empty for don't know."""

    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="answers")
    statement_id = models.CharField(max_length=20)
    now = models.PositiveSmallIntegerField(null=True, blank=True)
    desired = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["respondent", "statement_id"], name="one_answer"),
            models.CheckConstraint(
                condition=models.Q(now__isnull=True) | models.Q(now__gte=1, now__lte=5),
                name="now_on_scale",
            ),
            models.CheckConstraint(
                condition=models.Q(desired__isnull=True) | models.Q(desired__gte=1, desired__lte=5),
                name="desired_on_scale",
            ),
        ]


class AgreementCheck(models.Model):
    """The facilitator's tick and note on one item of a form's agreements checklist."""

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="agreement_checks"
    )
    form = models.CharField(max_length=20, choices=[(form.value, form.value) for form in FORM_IDS])
    item = models.PositiveSmallIntegerField()
    done = models.BooleanField(default=False)
    note = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["form", "item"]
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "form", "item"], name="one_check")
        ]


class ApiToken(models.Model):
    """A facilitator's bearer token for the JSON API; only its hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, default="cli")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    @classmethod
    def issue(cls, user, name: str = "cli") -> tuple[ApiToken, str]:
        """Create a token; the plain value is returned once and never stored."""
        plain = "gv_" + new_token()
        return cls.objects.create(user=user, name=name, token_hash=token_hash(plain)), plain
