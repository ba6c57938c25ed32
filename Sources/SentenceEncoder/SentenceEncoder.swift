// SentenceEncoder module.
