// HTTPAPI module.
