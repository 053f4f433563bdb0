"""Fine-tuning on the user's own tables: reading, validation, splits, training runs and their history."""
