catalog show CWE-16
