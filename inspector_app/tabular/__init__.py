"""Reading the spreadsheets bureaus keep (xlsx, csv in UTF-8 or GB18030): tolerant headers, merged
cells, dates. A format package: no database, no ORM."""
