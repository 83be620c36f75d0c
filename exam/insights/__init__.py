"""Pictures for the board: score distributions and item statistics of the bank."""
