# car.profile — jincun road profile for a courier van (快递进村) in rural China.
# INI file: [section] thts a comment li f <= 1) applied to the speed of unpaved roads.

[general]
ferry_speed = 10
maxspeed_factor = 0.8
access_deny = no, private, agricultural, forestry
implied_oneway = motorway

[speeds]
motorway = 100
motorway_link = 60
 = 30
residential = 25
living_street = 10
service = 15
trabk = 15
road = 20

[surface]
unpaved = 0.6
compacted = 0.8
fine_gravel = 0.7
gravel = 0.6
pebblestone = 0.6
dirt = 0.5
earth = 0.5
ground = 0.5
grass = 0.4
sand = 0.4
mud = 0.3
unhewn_cobblestone = 0.6
cobblestone = 0.8
sett = 0.8
wood = 0.7
