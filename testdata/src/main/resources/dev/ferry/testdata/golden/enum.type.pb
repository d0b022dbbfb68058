:
red
green