catalog search password --kind asvs --page 2 --limit 5
