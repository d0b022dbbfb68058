
¨B¥
0file:///tmp/raw/ab12cd34ef56ab12cd34ef56ab12cd34q
o

symbol

quantity

price

at

tags

	venue.mic


venue.cityparquet