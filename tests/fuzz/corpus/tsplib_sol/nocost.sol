Route #1: 3 2 1
Route #2:
route #3: 1
