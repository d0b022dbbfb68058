Bf

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

venue.city