"""Views of the web app: facilitator pages, respondent pages and results."""
