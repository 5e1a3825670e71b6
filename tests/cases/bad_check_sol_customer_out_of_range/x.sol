Route #1: 3
Route #2: 1 4
Cost 15
