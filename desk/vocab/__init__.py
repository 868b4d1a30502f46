"""Controlled vocabularies: stable codes stored in the database, labels translated on display;
country and language names; the residence-permit glossary's texts."""
