# Generated from ui/clinic_settings_dialog.ui by imsdesk.ui.compile_forms. Do not edit; edit the form.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'clinic_settings_dialog.ui'
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
    QDialogButtonBox, QFrame, QGridLayout, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout,
    QWidget)

class Ui_ClinicSettingsDialog(object):
    def setupUi(self, ClinicSettingsDialog):
        if not ClinicSettingsDialog.objectName():
            ClinicSettingsDialog.setObjectName(u"ClinicSettingsDialog")
        ClinicSettingsDialog.resize(600, 470)
        self.outer_layout = QVBoxLayout(ClinicSettingsDialog)
        self.outer_layout.setObjectName(u"outer_layout")
        self.intro = QLabel(ClinicSettingsDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer_layout.addWidget(self.intro)

        self.fields_layout = QGridLayout()
        self.fields_layout.setObjectName(u"fields_layout")
        self.fields_layout.setHorizontalSpacing(12)
        self.fields_layout.setVerticalSpacing(2)
        self.clinic_name_label = QLabel(ClinicSettingsDialog)
        self.clinic_name_label.setObjectName(u"clinic_name_label")

        self.fields_layout.addWidget(self.clinic_name_label, 0, 0, 1, 1)

        self.clinic_name = QLineEdit(ClinicSettingsDialog)
        self.clinic_name.setObjectName(u"clinic_name")

        self.fields_layout.addWidget(self.clinic_name, 0, 1, 1, 1)

        self.clinic_name_error = QLabel(ClinicSettingsDialog)
        self.clinic_name_error.setObjectName(u"clinic_name_error")
        self.clinic_name_error.setWordWrap(True)
        self.clinic_name_error.setVisible(False)

        self.fields_layout.addWidget(self.clinic_name_error, 1, 1, 1, 1)

        self.clinic_address_label = QLabel(ClinicSettingsDialog)
        self.clinic_address_label.setObjectName(u"clinic_address_label")
        self.clinic_address_label.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.fields_layout.addWidget(self.clinic_address_label, 2, 0, 1, 1)

        self.clinic_address = QPlainTextEdit(ClinicSettingsDialog)
        self.clinic_address.setObjectName(u"clinic_address")
        self.clinic_address.setMaximumSize(QSize(16777215, 72))
        self.clinic_address.setTabChangesFocus(True)

        self.fields_layout.addWidget(self.clinic_address, 2, 1, 1, 1)

        self.clinic_address_error = QLabel(ClinicSettingsDialog)
        self.clinic_address_error.setObjectName(u"clinic_address_error")
        self.clinic_address_error.setWordWrap(True)
        self.clinic_address_error.setVisible(False)

        self.fields_layout.addWidget(self.clinic_address_error, 3, 1, 1, 1)

        self.clinic_phone_label = QLabel(ClinicSettingsDialog)
        self.clinic_phone_label.setObjectName(u"clinic_phone_label")

        self.fields_layout.addWidget(self.clinic_phone_label, 4, 0, 1, 1)

        self.clinic_phone = QLineEdit(ClinicSettingsDialog)
        self.clinic_phone.setObjectName(u"clinic_phone")

        self.fields_layout.addWidget(self.clinic_phone, 4, 1, 1, 1)

        self.clinic_phone_error = QLabel(ClinicSettingsDialog)
        self.clinic_phone_error.setObjectName(u"clinic_phone_error")
        self.clinic_phone_error.setWordWrap(True)
        self.clinic_phone_error.setVisible(False)

        self.fields_layout.addWidget(self.clinic_phone_error, 5, 1, 1, 1)

        self.logo_path_label = QLabel(ClinicSettingsDialog)
        self.logo_path_label.setObjectName(u"logo_path_label")

        self.fields_layout.addWidget(self.logo_path_label, 6, 0, 1, 1)

        self.logo_row = QHBoxLayout()
        self.logo_row.setSpacing(6)
        self.logo_row.setObjectName(u"logo_row")
        self.logo_path = QLineEdit(ClinicSettingsDialog)
        self.logo_path.setObjectName(u"logo_path")

        self.logo_row.addWidget(self.logo_path)

        self.choose_logo = QPushButton(ClinicSettingsDialog)
        self.choose_logo.setObjectName(u"choose_logo")
        self.choose_logo.setAutoDefault(False)

        self.logo_row.addWidget(self.choose_logo)

        self.remove_logo = QPushButton(ClinicSettingsDialog)
        self.remove_logo.setObjectName(u"remove_logo")
        self.remove_logo.setAutoDefault(False)

        self.logo_row.addWidget(self.remove_logo)

        self.logo_row.setStretch(0, 1)

        self.fields_layout.addLayout(self.logo_row, 6, 1, 1, 1)

        self.logo_path_error = QLabel(ClinicSettingsDialog)
        self.logo_path_error.setObjectName(u"logo_path_error")
        self.logo_path_error.setWordWrap(True)
        self.logo_path_error.setVisible(False)

        self.fields_layout.addWidget(self.logo_path_error, 7, 1, 1, 1)

        self.logo_preview = QLabel(ClinicSettingsDialog)
        self.logo_preview.setObjectName(u"logo_preview")
        self.logo_preview.setMinimumSize(QSize(0, 76))
        self.logo_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setWordWrap(True)

        self.fields_layout.addWidget(self.logo_preview, 8, 1, 1, 1)

        self.paper_size_label = QLabel(ClinicSettingsDialog)
        self.paper_size_label.setObjectName(u"paper_size_label")

        self.fields_layout.addWidget(self.paper_size_label, 9, 0, 1, 1)

        self.paper_row = QHBoxLayout()
        self.paper_row.setSpacing(10)
        self.paper_row.setObjectName(u"paper_row")
        self.paper_size = QComboBox(ClinicSettingsDialog)
        self.paper_size.addItem("")
        self.paper_size.addItem("")
        self.paper_size.setObjectName(u"paper_size")

        self.paper_row.addWidget(self.paper_size)

        self.paper_size_hint = QLabel(ClinicSettingsDialog)
        self.paper_size_hint.setObjectName(u"paper_size_hint")

        self.paper_row.addWidget(self.paper_size_hint)

        self.paper_row.setStretch(1, 1)

        self.fields_layout.addLayout(self.paper_row, 9, 1, 1, 1)

        self.paper_size_error = QLabel(ClinicSettingsDialog)
        self.paper_size_error.setObjectName(u"paper_size_error")
        self.paper_size_error.setWordWrap(True)
        self.paper_size_error.setVisible(False)

        self.fields_layout.addWidget(self.paper_size_error, 10, 1, 1, 1)

        self.screen_interval_days_label = QLabel(ClinicSettingsDialog)
        self.screen_interval_days_label.setObjectName(u"screen_interval_days_label")

        self.fields_layout.addWidget(self.screen_interval_days_label, 11, 0, 1, 1)

        self.screen_row = QHBoxLayout()
        self.screen_row.setSpacing(10)
        self.screen_row.setObjectName(u"screen_row")
        self.screen_interval_days = QSpinBox(ClinicSettingsDialog)
        self.screen_interval_days.setObjectName(u"screen_interval_days")
        self.screen_interval_days.setMinimum(1)
        self.screen_interval_days.setMaximum(3650)

        self.screen_row.addWidget(self.screen_interval_days)

        self.screen_interval_days_hint = QLabel(ClinicSettingsDialog)
        self.screen_interval_days_hint.setObjectName(u"screen_interval_days_hint")
        self.screen_interval_days_hint.setWordWrap(True)

        self.screen_row.addWidget(self.screen_interval_days_hint)

        self.screen_row.setStretch(1, 1)

        self.fields_layout.addLayout(self.screen_row, 11, 1, 1, 1)

        self.screen_interval_days_error = QLabel(ClinicSettingsDialog)
        self.screen_interval_days_error.setObjectName(u"screen_interval_days_error")
        self.screen_interval_days_error.setWordWrap(True)
        self.screen_interval_days_error.setVisible(False)

        self.fields_layout.addWidget(self.screen_interval_days_error, 12, 1, 1, 1)

        self.registration_note = QLabel(ClinicSettingsDialog)
        self.registration_note.setObjectName(u"registration_note")
        self.registration_note.setMargin(4)
        self.registration_note.setWordWrap(True)

        self.fields_layout.addWidget(self.registration_note, 13, 1, 1, 1)


        self.outer_layout.addLayout(self.fields_layout)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer_layout.addItem(self.bottom_spacer)

        self.buttons = QDialogButtonBox(ClinicSettingsDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.outer_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.clinic_name_label.setBuddy(self.clinic_name)
        self.clinic_address_label.setBuddy(self.clinic_address)
        self.clinic_phone_label.setBuddy(self.clinic_phone)
        self.logo_path_label.setBuddy(self.logo_path)
        self.paper_size_label.setBuddy(self.paper_size)
        self.screen_interval_days_label.setBuddy(self.screen_interval_days)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.clinic_name, self.clinic_address)
        QWidget.setTabOrder(self.clinic_address, self.clinic_phone)
        QWidget.setTabOrder(self.clinic_phone, self.logo_path)
        QWidget.setTabOrder(self.logo_path, self.choose_logo)
        QWidget.setTabOrder(self.choose_logo, self.remove_logo)
        QWidget.setTabOrder(self.remove_logo, self.paper_size)
        QWidget.setTabOrder(self.paper_size, self.screen_interval_days)
        QWidget.setTabOrder(self.screen_interval_days, self.buttons)

        self.retranslateUi(ClinicSettingsDialog)

        QMetaObject.connectSlotsByName(ClinicSettingsDialog)
    # setupUi

    def retranslateUi(self, ClinicSettingsDialog):
        ClinicSettingsDialog.setWindowTitle(QCoreApplication.translate("ClinicSettingsDialog", u"Clinic settings", None))
        self.intro.setText(QCoreApplication.translate("ClinicSettingsDialog", u"The letterhead and paper of every take-home summary and progress report. Every workstation using this database shares these settings.", None))
        self.clinic_name_label.setText(QCoreApplication.translate("ClinicSettingsDialog", u"Clinic &name", None))
        self.clinic_name.setPlaceholderText(QCoreApplication.translate("ClinicSettingsDialog", u"e.g. Harbour Physiotherapy & IMS Clinic", None))
#if QT_CONFIG(tooltip)
        self.clinic_name.setToolTip(QCoreApplication.translate("ClinicSettingsDialog", u"Printed large at the top of every document.", None))
#endif // QT_CONFIG(tooltip)
        self.clinic_address_label.setText(QCoreApplication.translate("ClinicSettingsDialog", u"&Address", None))
        self.clinic_address.setPlaceholderText(QCoreApplication.translate("ClinicSettingsDialog", u"One line per line of the address", None))
#if QT_CONFIG(tooltip)
        self.clinic_address.setToolTip(QCoreApplication.translate("ClinicSettingsDialog", u"Printed under the clinic's name, line by line as typed.", None))
#endif // QT_CONFIG(tooltip)
        self.clinic_phone_label.setText(QCoreApplication.translate("ClinicSettingsDialog", u"&Phone", None))
        self.clinic_phone.setPlaceholderText(QCoreApplication.translate("ClinicSettingsDialog", u"e.g. 604-555-0142", None))
#if QT_CONFIG(tooltip)
        self.clinic_phone.setToolTip(QCoreApplication.translate("ClinicSettingsDialog", u"Printed at the top right, and in the summary's advice on when to call the clinic.", None))
#endif // QT_CONFIG(tooltip)
        self.logo_path_label.setText(QCoreApplication.translate("ClinicSettingsDialog", u"&Logo", None))
        self.logo_path.setPlaceholderText(QCoreApplication.translate("ClinicSettingsDialog", u"No logo (optional)", None))
#if QT_CONFIG(tooltip)
        self.logo_path.setToolTip(QCoreApplication.translate("ClinicSettingsDialog", u"A PNG or JPEG file printed beside the clinic's name; leave blank for none.", None))
#endif // QT_CONFIG(tooltip)
        self.choose_logo.setText(QCoreApplication.translate("ClinicSettingsDialog", u"C&hoose\u2026", None))
#if QT_CONFIG(tooltip)
        self.choose_logo.setToolTip(QCoreApplication.translate("ClinicSettingsDialog", u"Pick the logo's picture file", None))
#endif // QT_CONFIG(tooltip)
        self.remove_logo.setText(QCoreApplication.translate("ClinicSettingsDialog", u"&Remove", None))
#if QT_CONFIG(tooltip)
        self.remove_logo.setToolTip(QCoreApplication.translate("ClinicSettingsDialog", u"Print without a logo", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.logo_preview.setToolTip(QCoreApplication.translate("ClinicSettingsDialog", u"The logo as it will be printed (at most 30 \u00d7 18 mm)", None))
#endif // QT_CONFIG(tooltip)
        self.paper_size_label.setText(QCoreApplication.translate("ClinicSettingsDialog", u"Pap&er", None))
        self.paper_size.setItemText(0, QCoreApplication.translate("ClinicSettingsDialog", u"A4", None))
        self.paper_size.setItemText(1, QCoreApplication.translate("ClinicSettingsDialog", u"Letter", None))

#if QT_CONFIG(tooltip)
        self.paper_size.setToolTip(QCoreApplication.translate("ClinicSettingsDialog", u"The paper every document is laid out for.", None))
#endif // QT_CONFIG(tooltip)
        self.paper_size_hint.setText(QCoreApplication.translate("ClinicSettingsDialog", u"A4: 210 \u00d7 297 mm; Letter: 8.5 \u00d7 11 inches", None))
        self.screen_interval_days_label.setText(QCoreApplication.translate("ClinicSettingsDialog", u"&Safety screen", None))
        self.screen_interval_days.setSuffix(QCoreApplication.translate("ClinicSettingsDialog", u" days", None))
#if QT_CONFIG(tooltip)
        self.screen_interval_days.setToolTip(QCoreApplication.translate("ClinicSettingsDialog", u"How long a patient's safety screen stays current; after that it is due again before needling.", None))
#endif // QT_CONFIG(tooltip)
        self.registration_note.setText(QCoreApplication.translate("ClinicSettingsDialog", u"Each therapist's registration number is printed with their name; it is kept with the therapist, not here.", None))
    # retranslateUi

