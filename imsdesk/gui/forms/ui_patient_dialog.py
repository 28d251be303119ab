# Generated from ui/patient_dialog.ui by imsdesk.ui.compile_forms. Do not edit; edit the form.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'patient_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_PatientDialog(object):
    def setupUi(self, PatientDialog):
        if not PatientDialog.objectName():
            PatientDialog.setObjectName(u"PatientDialog")
        PatientDialog.resize(520, 560)
        self.outer_layout = QVBoxLayout(PatientDialog)
        self.outer_layout.setObjectName(u"outer_layout")
        self.fields_layout = QGridLayout()
        self.fields_layout.setObjectName(u"fields_layout")
        self.fields_layout.setHorizontalSpacing(12)
        self.fields_layout.setVerticalSpacing(2)
        self.chart_number_label = QLabel(PatientDialog)
        self.chart_number_label.setObjectName(u"chart_number_label")

        self.fields_layout.addWidget(self.chart_number_label, 0, 0, 1, 1)

        self.chart_number = QLineEdit(PatientDialog)
        self.chart_number.setObjectName(u"chart_number")

        self.fields_layout.addWidget(self.chart_number, 0, 1, 1, 1)

        self.chart_number_error = QLabel(PatientDialog)
        self.chart_number_error.setObjectName(u"chart_number_error")
        self.chart_number_error.setWordWrap(True)
        self.chart_number_error.setVisible(False)

        self.fields_layout.addWidget(self.chart_number_error, 1, 1, 1, 1)

        self.family_name_label = QLabel(PatientDialog)
        self.family_name_label.setObjectName(u"family_name_label")

        self.fields_layout.addWidget(self.family_name_label, 2, 0, 1, 1)

        self.family_name = QLineEdit(PatientDialog)
        self.family_name.setObjectName(u"family_name")

        self.fields_layout.addWidget(self.family_name, 2, 1, 1, 1)

        self.family_name_error = QLabel(PatientDialog)
        self.family_name_error.setObjectName(u"family_name_error")
        self.family_name_error.setWordWrap(True)
        self.family_name_error.setVisible(False)

        self.fields_layout.addWidget(self.family_name_error, 3, 1, 1, 1)

        self.given_names_label = QLabel(PatientDialog)
        self.given_names_label.setObjectName(u"given_names_label")

        self.fields_layout.addWidget(self.given_names_label, 4, 0, 1, 1)

        self.given_names = QLineEdit(PatientDialog)
        self.given_names.setObjectName(u"given_names")

        self.fields_layout.addWidget(self.given_names, 4, 1, 1, 1)

        self.given_names_error = QLabel(PatientDialog)
        self.given_names_error.setObjectName(u"given_names_error")
        self.given_names_error.setWordWrap(True)
        self.given_names_error.setVisible(False)

        self.fields_layout.addWidget(self.given_names_error, 5, 1, 1, 1)

        self.date_of_birth_label = QLabel(PatientDialog)
        self.date_of_birth_label.setObjectName(u"date_of_birth_label")

        self.fields_layout.addWidget(self.date_of_birth_label, 6, 0, 1, 1)

        self.date_of_birth_row = QHBoxLayout()
        self.date_of_birth_row.setObjectName(u"date_of_birth_row")
        self.date_of_birth = QLineEdit(PatientDialog)
        self.date_of_birth.setObjectName(u"date_of_birth")

        self.date_of_birth_row.addWidget(self.date_of_birth)

        self.age_hint = QLabel(PatientDialog)
        self.age_hint.setObjectName(u"age_hint")
        self.age_hint.setMinimumSize(QSize(90, 0))

        self.date_of_birth_row.addWidget(self.age_hint)


        self.fields_layout.addLayout(self.date_of_birth_row, 6, 1, 1, 1)

        self.date_of_birth_error = QLabel(PatientDialog)
        self.date_of_birth_error.setObjectName(u"date_of_birth_error")
        self.date_of_birth_error.setWordWrap(True)
        self.date_of_birth_error.setVisible(False)

        self.fields_layout.addWidget(self.date_of_birth_error, 7, 1, 1, 1)

        self.sex_label = QLabel(PatientDialog)
        self.sex_label.setObjectName(u"sex_label")

        self.fields_layout.addWidget(self.sex_label, 8, 0, 1, 1)

        self.sex = QComboBox(PatientDialog)
        self.sex.setObjectName(u"sex")

        self.fields_layout.addWidget(self.sex, 8, 1, 1, 1)

        self.sex_error = QLabel(PatientDialog)
        self.sex_error.setObjectName(u"sex_error")
        self.sex_error.setWordWrap(True)
        self.sex_error.setVisible(False)

        self.fields_layout.addWidget(self.sex_error, 9, 1, 1, 1)

        self.phone_label = QLabel(PatientDialog)
        self.phone_label.setObjectName(u"phone_label")

        self.fields_layout.addWidget(self.phone_label, 10, 0, 1, 1)

        self.phone = QLineEdit(PatientDialog)
        self.phone.setObjectName(u"phone")

        self.fields_layout.addWidget(self.phone, 10, 1, 1, 1)

        self.phone_error = QLabel(PatientDialog)
        self.phone_error.setObjectName(u"phone_error")
        self.phone_error.setWordWrap(True)
        self.phone_error.setVisible(False)

        self.fields_layout.addWidget(self.phone_error, 11, 1, 1, 1)

        self.email_label = QLabel(PatientDialog)
        self.email_label.setObjectName(u"email_label")

        self.fields_layout.addWidget(self.email_label, 12, 0, 1, 1)

        self.email = QLineEdit(PatientDialog)
        self.email.setObjectName(u"email")

        self.fields_layout.addWidget(self.email, 12, 1, 1, 1)

        self.email_error = QLabel(PatientDialog)
        self.email_error.setObjectName(u"email_error")
        self.email_error.setWordWrap(True)
        self.email_error.setVisible(False)

        self.fields_layout.addWidget(self.email_error, 13, 1, 1, 1)

        self.address_label = QLabel(PatientDialog)
        self.address_label.setObjectName(u"address_label")

        self.fields_layout.addWidget(self.address_label, 14, 0, 1, 1)

        self.address = QPlainTextEdit(PatientDialog)
        self.address.setObjectName(u"address")
        self.address.setTabChangesFocus(True)
        self.address.setMaximumSize(QSize(16777215, 64))

        self.fields_layout.addWidget(self.address, 14, 1, 1, 1)

        self.address_error = QLabel(PatientDialog)
        self.address_error.setObjectName(u"address_error")
        self.address_error.setWordWrap(True)
        self.address_error.setVisible(False)

        self.fields_layout.addWidget(self.address_error, 15, 1, 1, 1)

        self.notes_label = QLabel(PatientDialog)
        self.notes_label.setObjectName(u"notes_label")

        self.fields_layout.addWidget(self.notes_label, 16, 0, 1, 1)

        self.notes = QPlainTextEdit(PatientDialog)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumSize(QSize(16777215, 64))

        self.fields_layout.addWidget(self.notes, 16, 1, 1, 1)

        self.notes_error = QLabel(PatientDialog)
        self.notes_error.setObjectName(u"notes_error")
        self.notes_error.setWordWrap(True)
        self.notes_error.setVisible(False)

        self.fields_layout.addWidget(self.notes_error, 17, 1, 1, 1)


        self.outer_layout.addLayout(self.fields_layout)

        self.buttons = QDialogButtonBox(PatientDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.outer_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.chart_number_label.setBuddy(self.chart_number)
        self.family_name_label.setBuddy(self.family_name)
        self.given_names_label.setBuddy(self.given_names)
        self.date_of_birth_label.setBuddy(self.date_of_birth)
        self.sex_label.setBuddy(self.sex)
        self.phone_label.setBuddy(self.phone)
        self.email_label.setBuddy(self.email)
        self.address_label.setBuddy(self.address)
        self.notes_label.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.chart_number, self.family_name)
        QWidget.setTabOrder(self.family_name, self.given_names)
        QWidget.setTabOrder(self.given_names, self.date_of_birth)
        QWidget.setTabOrder(self.date_of_birth, self.sex)
        QWidget.setTabOrder(self.sex, self.phone)
        QWidget.setTabOrder(self.phone, self.email)
        QWidget.setTabOrder(self.email, self.address)
        QWidget.setTabOrder(self.address, self.notes)
        QWidget.setTabOrder(self.notes, self.buttons)

        self.retranslateUi(PatientDialog)

        QMetaObject.connectSlotsByName(PatientDialog)
    # setupUi

    def retranslateUi(self, PatientDialog):
        PatientDialog.setWindowTitle(QCoreApplication.translate("PatientDialog", u"Patient", None))
        self.chart_number_label.setText(QCoreApplication.translate("PatientDialog", u"Chart &number", None))
#if QT_CONFIG(tooltip)
        self.chart_number.setToolTip(QCoreApplication.translate("PatientDialog", u"The clinic's chart number for this patient; unique.", None))
#endif // QT_CONFIG(tooltip)
        self.chart_number.setPlaceholderText(QCoreApplication.translate("PatientDialog", u"e.g. 1042", None))
        self.family_name_label.setText(QCoreApplication.translate("PatientDialog", u"&Family name", None))
#if QT_CONFIG(tooltip)
        self.family_name.setToolTip(QCoreApplication.translate("PatientDialog", u"Family name (surname), as on the patient's ID.", None))
#endif // QT_CONFIG(tooltip)
        self.given_names_label.setText(QCoreApplication.translate("PatientDialog", u"&Given names", None))
#if QT_CONFIG(tooltip)
        self.given_names.setToolTip(QCoreApplication.translate("PatientDialog", u"Given names, as the patient uses them.", None))
#endif // QT_CONFIG(tooltip)
        self.date_of_birth_label.setText(QCoreApplication.translate("PatientDialog", u"Date of &birth", None))
#if QT_CONFIG(tooltip)
        self.date_of_birth.setToolTip(QCoreApplication.translate("PatientDialog", u"Date of birth, written YYYY-MM-DD (e.g. 1968-04-23).", None))
#endif // QT_CONFIG(tooltip)
        self.date_of_birth.setPlaceholderText(QCoreApplication.translate("PatientDialog", u"YYYY-MM-DD", None))
#if QT_CONFIG(tooltip)
        self.age_hint.setToolTip(QCoreApplication.translate("PatientDialog", u"Age today, from the date of birth typed.", None))
#endif // QT_CONFIG(tooltip)
        self.sex_label.setText(QCoreApplication.translate("PatientDialog", u"&Sex", None))
#if QT_CONFIG(tooltip)
        self.sex.setToolTip(QCoreApplication.translate("PatientDialog", u"Sex recorded for clinical purposes.", None))
#endif // QT_CONFIG(tooltip)
        self.phone_label.setText(QCoreApplication.translate("PatientDialog", u"&Phone", None))
#if QT_CONFIG(tooltip)
        self.phone.setToolTip(QCoreApplication.translate("PatientDialog", u"Phone number for appointment reminders.", None))
#endif // QT_CONFIG(tooltip)
        self.email_label.setText(QCoreApplication.translate("PatientDialog", u"&Email", None))
#if QT_CONFIG(tooltip)
        self.email.setToolTip(QCoreApplication.translate("PatientDialog", u"Email address (optional).", None))
#endif // QT_CONFIG(tooltip)
        self.email.setPlaceholderText(QCoreApplication.translate("PatientDialog", u"name@example.org", None))
        self.address_label.setText(QCoreApplication.translate("PatientDialog", u"&Address", None))
#if QT_CONFIG(tooltip)
        self.address.setToolTip(QCoreApplication.translate("PatientDialog", u"Postal address.", None))
#endif // QT_CONFIG(tooltip)
        self.notes_label.setText(QCoreApplication.translate("PatientDialog", u"N&otes", None))
#if QT_CONFIG(tooltip)
        self.notes.setToolTip(QCoreApplication.translate("PatientDialog", u"Administrative notes; clinical notes belong in visits.", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

