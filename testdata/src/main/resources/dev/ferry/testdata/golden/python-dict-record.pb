
a_
T„¤name£box¦countsƒ¤zeta¥alpha£midÍ,¦placed¹2024-05-06T07:08:09+00:00¥extra‚¡zÃ¡aÀmsgpack