"""Operations: synthetic data for load tests, backup and restore, their CLI commands."""
