"""Course enquiries: a student's question about a course, the admissions inbox, and its emails.

``models`` holds the :class:`~courses.enquiries.models.Enquiry`; ``came_from`` reads which page
led the student there; ``forms`` and ``enquiry_routes`` are the public form on the course index's
``enquire/`` route; ``notify`` emails admissions off the request path and retries; ``personal_data``
finds, exports and deletes a person's enquiries and old ones; ``views`` are the admin's views for
those. The admin inbox itself is ``EnquiryViewSet`` in courses/viewsets.py.
"""
