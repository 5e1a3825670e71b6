[general]
ferry_speed = 5
maxspeed_factor = 1
access_deny = no private
implied_oneway = motorway, trunk
[speeds]
primary = 60
track = 12.5
[surface]
gravel = 0.5
