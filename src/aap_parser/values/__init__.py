"""Values read from printed text: amounts, countries, the country of a bilateral call.

Several stages read these: the layout stage to tell what a column holds, the header to read
the call, the records stage to build laureates. They depend only on the wording rules and the
prebuilt lookups, so any stage may use them without reaching a later one.
"""
