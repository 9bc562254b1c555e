"""The web app: HTML pages and the JSON API over the same services."""
