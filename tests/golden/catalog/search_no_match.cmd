catalog search "zzzqqq"
