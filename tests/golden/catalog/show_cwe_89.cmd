catalog show CWE-89
