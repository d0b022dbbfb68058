
@>
3‚¦counts‚¤zeta¥alpha¢at¹2024-05-06T07:08:09+00:00msgpack