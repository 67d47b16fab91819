catalog show V5.3.3
