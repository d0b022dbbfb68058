
ŠB‡
s3://bucket/tradesq
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