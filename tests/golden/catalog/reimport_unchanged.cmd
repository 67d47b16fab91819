catalog import {shared}/catalogs
