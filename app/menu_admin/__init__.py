"""The back office's menu: managers add and edit categories and items, their prices,
allergens, order on the till and availability (``MenuAdmin``); allergen names as people
write them (``allergens``)."""
