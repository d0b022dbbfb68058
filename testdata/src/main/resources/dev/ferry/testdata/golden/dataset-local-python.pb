
:B8
)/tmp/raw/ab12cd34ef56ab12cd34ef56ab12cd34
	parquet