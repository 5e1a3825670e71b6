# car.profile — jincun road profile for a courier van (快递进村) in rural China.
# INI file: [section] then key = value; '#' or ';' starts a comment line.
# A profile given with --profile replaces this one completely: copy this file and edit it.
#
# [speeds]: highway=* class = typical travel speed in km/h. Only the classes listed here are
#   drivable; a way of any other highway class (footway, path, cycleway, steps, ...) is not
#   read at all. Chinese rural reality: village lanes (村道) are mapped as unclassified,
#   residential or track; they are narrow and shared with tricycles and pedestrians, hence
#   slow. Speed 0 is not allowed (leave the class out instead).
# [general]:
#   ferry_speed      km/h on route=ferry ways (island villages), boarding included.
#   maxspeed_factor  where a way carries a numeric maxspeed (km/h, or "N mph"), the speed is
#                    maxspeed × this factor instead of the class speed; non-numeric values
#                    ("CN:urban", "none", "signals") are ignored and the class speed is used.
#                    maxspeed:forward / maxspeed:backward override it in their direction
#                    (along / against the way's node order).
#   access_deny      values of access / vehicle / motor_vehicle / motorcar that bar the van;
#                    the most specific of those four tags that is present decides.
#   implied_oneway   highway classes that are one-way unless tagged oneway=no (roundabouts,
#                    junction=roundabout|circular, are always implied one-way).
# Ways tagged oneway=reversible (direction by time of day) or oneway=alternating (one lane,
# signals) are never routable: their direction at delivery time is unknown (as in OSRM's
# car profile).
# [surface]: surface=* value = factor (0 < f <= 1) applied to the speed of unpaved roads.

[general]
ferry_speed = 10
maxspeed_factor = 0.8
access_deny = no, private, agricultural, forestry
implied_oneway = motorway

[speeds]
motorway = 100
motorway_link = 60
trunk = 80
trunk_link = 50
primary = 60
primary_link = 40
secondary = 50
secondary_link = 35
tertiary = 40
tertiary_link = 30
unclassified = 30
residential = 25
living_street = 10
service = 15
track = 15
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
