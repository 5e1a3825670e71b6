Route #1: 3
Route #2: 1
Cost 15
