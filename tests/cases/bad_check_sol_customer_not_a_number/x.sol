Route #1: 3
Route #2: 1 x
Cost 15
