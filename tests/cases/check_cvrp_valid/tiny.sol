Route #1: 3
Route #2: 1 2
Cost 15
